import { useId, useState, type DragEvent, type ReactNode } from 'react';

/**
 * Choose files with the system picker, or drop them here. The files are only read on this device;
 * nothing is uploaded by choosing them.
 */
export function FilePicker({
  label,
  button,
  hint,
  accept,
  multiple = true,
  disabled = false,
  onFiles,
  children,
}: {
  label: string;
  /** The visible button's text: the browser's own file button speaks the browser's language. */
  button: string;
  hint?: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
  children?: ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
  };
  return (
    <div
      className="drop-zone"
      data-dragging={dragging}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <span className="drop-zone-label" id={`${id}-label`}>
        {label}
      </span>
      {hint !== undefined && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <input
        id={id}
        className="visually-hidden"
        aria-labelledby={`${id}-label`}
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        aria-describedby={hint !== undefined ? hintId : undefined}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Reset, so that choosing the same file again is seen as a new choice.
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <label htmlFor={id} className="button button-secondary" aria-hidden="true">
        {button}
      </label>
      {children}
    </div>
  );
}
