import { runPreflight } from '../preflight/run-preflight';
import { readChangeSetReview } from '../review/read-review';
import { uploadTemplate } from '../template-upload/upload-template';
import type { ApplyPorts } from './run-ports';

/** The real checks, upload and review (core/apply/preflight, template-upload, review). */
export const defaultApplyPorts: ApplyPorts = { runPreflight, uploadTemplate, readChangeSetReview };
