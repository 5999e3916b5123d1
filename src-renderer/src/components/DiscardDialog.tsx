import { Dialog } from './Dialog';

/**
 * "You have unsaved changes": asked before any way out of a form that has been
 * changed. Keep editing is the safe answer, so it has the focus and Escape means it.
 */
export function DiscardDialog(props: {
  title?: string;
  /** What is lost; the default speaks to the person who typed it. */
  message?: string;
  /** What leaving would also do, like "Switch user signs you out". */
  detail?: string | undefined;
  keepLabel?: string;
  discardLabel?: string;
  onKeep: () => void;
  onDiscard: () => void;
}) {
  return (
    <Dialog title={props.title ?? 'Discard unsaved changes?'} onClose={props.onKeep}>
      <p>{props.message ?? 'What you have typed here is not saved yet. If you leave now, it is lost.'}</p>
      {props.detail ? <p>{props.detail}</p> : null}
      <div className="form-actions">
        <button type="button" className="button button--danger-quiet" onClick={props.onDiscard}>
          {props.discardLabel ?? 'Discard'}
        </button>
        <button type="button" className="button button--primary" onClick={props.onKeep} data-autofocus>
          {props.keepLabel ?? 'Keep editing'}
        </button>
      </div>
    </Dialog>
  );
}
