/** Thrown for templates that cannot be resolved; the message names the offending placeholder. */
export class TemplateError extends Error {
  readonly placeholder: string | undefined;
  constructor(message: string, placeholder?: string) {
    super(message);
    this.name = 'TemplateError';
    this.placeholder = placeholder;
  }
}
