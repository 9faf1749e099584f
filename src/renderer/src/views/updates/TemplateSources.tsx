import { type DragEvent, type ReactElement, useId, useRef, useState } from 'react';
import { TextField } from '../../components/FormField';
import { fileProblem, formatSize, MAX_TEMPLATES, TEMPLATE_ACCEPT } from '../../updates/import-validation';

export interface PickedFile {
  readonly key: string;
  readonly file: File;
}

export interface TemplateSourcesProps {
  readonly files: readonly PickedFile[];
  readonly onFiles: (files: PickedFile[]) => void;
  /** At least one entry; an empty one is no source. */
  readonly addresses: readonly string[];
  readonly onAddresses: (addresses: string[]) => void;
  /** What is wrong with the sources as a whole ("choose one"), once the form shows errors. */
  readonly problem: string | undefined;
  /** What is wrong with each address, by position, once the form shows errors. */
  readonly addressErrors: readonly (string | undefined)[];
  readonly onAddressBlur: (index: number) => void;
}

/**
 * One or two templates: files from the picker or dropped onto the zone (the picker is the way
 * for keyboard users), or addresses main reads. Files too large are refused here, before a
 * byte is read or sent.
 */
export function TemplateSources(props: TemplateSourcesProps): ReactElement {
  const { files, onFiles, addresses, onAddresses, problem, addressErrors, onAddressBlur } = props;
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();
  const input = useRef<HTMLInputElement>(null);
  const picks = useRef(0);
  const [refusals, setRefusals] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const shownProblems = [...refusals, ...(problem ? [problem] : [])];

  const add = (incoming: readonly File[]): void => {
    const refused: string[] = [];
    const next = [...files];
    for (const file of incoming) {
      const why = fileProblem(file);
      if (why) {
        refused.push(why);
      } else if (next.length >= MAX_TEMPLATES) {
        refused.push(`${file.name} was not added: an update has at most two templates, one for each stack.`);
      } else {
        picks.current += 1;
        next.push({ key: `${picks.current}:${file.name}`, file });
      }
    }
    setRefusals(refused);
    onFiles(next);
  };

  const remove = (key: string): void => {
    setRefusals([]);
    onFiles(files.filter((picked) => picked.key !== key));
    input.current?.focus();
  };

  const onDragOver = (event: DragEvent<HTMLFieldSetElement>): void => {
    // Without preventDefault the drop would not be allowed here.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLFieldSetElement>): void => {
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) {
      setDragging(false);
    }
  };
  const onDrop = (event: DragEvent<HTMLFieldSetElement>): void => {
    event.preventDefault();
    setDragging(false);
    add(Array.from(event.dataTransfer.files));
  };

  const describedBy = [hintId, shownProblems.length > 0 ? problemId : null].filter(Boolean).join(' ');
  const canAddAddress = addresses.length < MAX_TEMPLATES && files.length + addresses.length < MAX_TEMPLATES;

  return (
    // The whole group takes dropped files; the dashed box inside shows where, and lights up.
    <fieldset
      className="choice-group template-sources"
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <legend className="choice-group__legend">Templates</legend>
      <p className="choice-group__hint" id={hintId}>
        One or two files Gitpod sent: the role template, the instance template, or both. The app tells from
        the content which stack each one updates. At most 1 MiB each.
      </p>
      <div className={`drop-zone${dragging ? ' drop-zone--active' : ''}`}>
        <p className="drop-zone__text">Drop template files here, or choose them:</p>
        <label className="field__label" htmlFor={inputId}>
          Template files
        </label>
        <input
          id={inputId}
          ref={input}
          className="file-input"
          type="file"
          accept={TEMPLATE_ACCEPT}
          multiple
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            add(Array.from(event.currentTarget.files ?? []));
            // Choosing the same file again after removing it must still count as a change.
            event.currentTarget.value = '';
          }}
        />
      </div>
      {files.length > 0 ? (
        <ul className="picked-files" aria-label="Chosen template files">
          {files.map(({ key, file }) => (
            <li key={key} className="picked-files__file">
              <span className="picked-files__name">{file.name}</span>
              <span className="picked-files__size">{formatSize(file.size)}</span>
              <button type="button" className="button button--small" onClick={() => remove(key)}>
                Remove<span className="visually-hidden"> {file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div id={problemId} role="alert" className="form-alert-slot">
        {shownProblems.map((text) => (
          <p key={text} className="field__error">
            {text}
          </p>
        ))}
      </div>
      {addresses.map((address, index) => (
        // Position is the identity here: the fields are "first" and "second", nothing more.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        <div key={index} className="template-sources__address">
          <TextField
            label={index === 0 ? 'Template address' : 'Second template address'}
            optional
            inputMode="url"
            value={address}
            onChange={(value) => onAddresses(addresses.map((old, i) => (i === index ? value : old)))}
            onBlur={() => onAddressBlur(index)}
            hint={
              index === 0
                ? 'Instead of a file: an https:// link or an S3 location (s3://bucket/key), read with the cell’s AWS profile.'
                : undefined
            }
            error={addressErrors[index]}
          />
          {index > 0 ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => onAddresses(addresses.filter((_, i) => i !== index))}
            >
              Remove the second address
            </button>
          ) : null}
        </div>
      ))}
      {canAddAddress ? (
        <div>
          <button
            type="button"
            className="button button--small"
            onClick={() => onAddresses([...addresses, ''])}
          >
            Add a second address
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
