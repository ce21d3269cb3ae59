// Field-level and form-level messages, wired for screen readers: an invalid input gets
// aria-invalid and its message lives in the element its aria-describedby already names.

export function setFieldError(input, message) {
  const slot = document.getElementById(`${input.id}-error`);
  slot.textContent = message;
  input.setAttribute('aria-invalid', 'true');
}

export function clearErrors(form) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const slot of form.querySelectorAll('.field-error, .alert')) slot.textContent = '';
}

/** Moves focus to the first field that has an error, so keyboard users land where the fix is. */
export function focusFirstInvalid(form) {
  form.querySelector('[aria-invalid="true"]')?.focus();
}

/** Disables the submit button while a request runs, so a double click does not send twice. */
export async function whileBusy(button, busyLabel, work) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = busyLabel;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}
