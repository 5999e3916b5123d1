import { useRef, useState } from 'react';

/** Where photos are dropped, several at once, or chosen with the file picker. */
export function PhotoDropZone(props: { disabled: boolean; onFiles: (files: FileList | null) => void }) {
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div
      className={`drop-zone${dragging ? ' drop-zone--over' : ''}`}
      onDragEnter={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        if (!props.disabled) props.onFiles(e.dataTransfer.files);
      }}
      data-testid="photo-drop-zone"
    >
      <p className="drop-zone__text">Drag photos here, several at once if you like.</p>
      <p className="drop-zone__hint">
        JPEG, PNG, HEIC or WebP. Location and camera details are removed on import.
      </p>
      <button
        type="button"
        className="button"
        onClick={() => inputRef.current?.click()}
        disabled={props.disabled}
      >
        Choose photos
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept="image/*,.heic,.heif"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Choose photos"
        data-testid="photo-file-input"
        onChange={(e) => {
          props.onFiles(e.target.files);
          e.target.value = '';
        }}
      />
    </div>
  );
}
