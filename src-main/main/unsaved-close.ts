/**
 * Closing the window while a form holds unsaved changes. The renderer's
 * beforeunload handler (src-renderer/src/app/useLeaveGuard.tsx) cancels the
 * unload; Chromium would then ask in the browser, but Electron silently keeps
 * the window open, so the person would not know why it will not close. This
 * asks them instead, with the same two answers as every other way out.
 */

/** The subset of Electron's message box options used here (kept free of Electron for the tests). */
export interface CloseQuestion {
  type: 'warning';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  title: string;
  message: string;
  detail: string;
  noLink: boolean;
}

export const KEEP_EDITING = 0;
export const DISCARD_AND_CLOSE = 1;

export const CLOSE_QUESTION: CloseQuestion = {
  type: 'warning',
  buttons: ['Keep editing', 'Discard and close'],
  defaultId: KEEP_EDITING,
  cancelId: KEEP_EDITING,
  title: 'Unsaved changes',
  message: 'Discard unsaved changes?',
  detail: 'What you have typed is not saved yet. If you close Clinic Vault now, it is lost.',
  noLink: true,
};

interface UnloadEvent {
  preventDefault(): void;
}

interface PreventUnloadSource {
  on(event: 'will-prevent-unload', listener: (event: UnloadEvent) => void): unknown;
}

/**
 * `ask` shows the question and returns the index of the button chosen; null
 * means no dialog can be shown (e2e runs with --test-no-dialogs), and the
 * window closes as it would without the guard.
 */
export function askBeforeClosingWithUnsavedChanges(
  webContents: PreventUnloadSource,
  ask: ((question: CloseQuestion) => number) | null,
): void {
  webContents.on('will-prevent-unload', (event) => {
    // preventDefault here overrides the page's beforeunload: the window closes.
    if (ask === null || ask(CLOSE_QUESTION) === DISCARD_AND_CLOSE) event.preventDefault();
  });
}
