// A modal dialog on React Aria: focus is trapped inside, Escape closes it, focus returns to what opened it.

import type { ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

export interface DialogProps {
  title: string;
  isOpen: boolean;
  onClose: () => void;
  children: ReactNode;
  /** A destructive confirmation: clicking outside does not close it. */
  alert?: boolean;
}

export function Dialog({ title, isOpen, onClose, children, alert = false }: DialogProps) {
  return (
    <ModalOverlay className="dialog-overlay" isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable={!alert}>
      <Modal className="dialog-modal">
        <AriaDialog className="dialog" role={alert ? 'alertdialog' : 'dialog'}>
          <Heading slot="title" className="dialog-title">
            {title}
          </Heading>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}
