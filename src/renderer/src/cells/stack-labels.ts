import type { StackKind } from '../../../shared/cells/stack-report';

export const STACK_KIND_LABELS: Record<StackKind, string> = {
  role: 'Role stack',
  instance: 'Instance stack',
};
