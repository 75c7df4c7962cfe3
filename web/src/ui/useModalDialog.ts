import { useEffect, useId, useRef } from 'react';

/**
 * A native `<dialog>` shown as a modal while `open` is true (focus trapped, Escape cancels, the
 * page behind inert), closed otherwise. Give `ref` to the dialog and `titleId` to its heading
 * (and `aria-labelledby`).
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return { ref, titleId };
}
