import { html, type SafeHtml } from './html.js';

export interface FormField {
  name: string;
  required: boolean;
  placeholder?: string;
}

export interface RecordFormView {
  action: string;
  fields: readonly FormField[];
  values: Readonly<Record<string, string>>;
  errors: Readonly<Record<string, string>>;
  submit: string;
  /** A problem that belongs to no one field (the repository refused the record). */
  problem?: string;
}

/** A form for a catalog record: one labelled input per field, its error under it, a summary on top. */
export function recordForm(view: RecordFormView): SafeHtml {
  const wrong = Object.keys(view.errors);
  return html` ${
      wrong.length > 0 || view.problem
        ? html`<div class="alert" role="alert" id="form-errors">
            ${view.problem ?? html`Please correct ${wrong.length === 1 ? 'this field' : `these ${wrong.length} fields`}: ${wrong.join(', ')}.`}
          </div>`
        : null
    }
    <form method="post" action="${view.action}" novalidate>
      <div class="fields">
        ${view.fields.map((field) => {
          const error = view.errors[field.name];
          return html`<div>
            <label for="${field.name}">${field.name}${field.required ? ' *' : ''}</label>
            <input
              id="${field.name}"
              name="${field.name}"
              value="${view.values[field.name] ?? ''}"
              placeholder="${field.placeholder ?? ''}"
              maxlength="512"
              ${error ? html`aria-invalid="true" aria-describedby="${field.name}-error"` : null}
            />
            ${error ? html`<div class="field-error" id="${field.name}-error">${error}</div>` : null}
          </div>`;
        })}
      </div>
      <button type="submit">${view.submit}</button>
    </form>`;
}
