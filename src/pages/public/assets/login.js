import { request } from './api.js';
import { clearErrors, focusFirstInvalid, setFieldError, whileBusy } from './forms.js';

const MIN_PASSWORD = 8;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// better-auth answers {code, message}; these codes get wording that tells the user what to do.
const MESSAGES = {
  INVALID_EMAIL_OR_PASSWORD: 'Wrong email or password.',
  EMAIL_PASSWORD_SIGN_UP_DISABLED: 'Sign-up is turned off on this server. Ask an administrator to create an account for you.',
  USER_ALREADY_EXISTS: 'An account with this email already exists. Sign in instead.',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'An account with this email already exists. Sign in instead.',
};

const sections = { 'sign-in': document.getElementById('sign-in'), 'sign-up': document.getElementById('sign-up') };

function show(name) {
  for (const [key, section] of Object.entries(sections)) {
    section.hidden = key !== name;
    clearErrors(section.querySelector('form'));
  }
  sections[name].querySelector('input').focus();
}

for (const button of document.querySelectorAll('[data-show]')) {
  button.addEventListener('click', () => show(button.dataset.show));
}

function checkEmail(input) {
  if (!input.value.trim()) setFieldError(input, 'Enter your email address.');
  else if (!EMAIL.test(input.value.trim())) setFieldError(input, 'Enter an email address like name@example.com.');
}

/** Validates, posts to better-auth, then opens the dashboard (better-auth has set the cookie). */
function handle(form, path, validate, body) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    validate();
    if (form.querySelector('[aria-invalid="true"]')) return focusFirstInvalid(form);
    try {
      await whileBusy(form.querySelector('[type=submit]'), 'Please wait…', () => request(path, { method: 'POST', body: body() }));
    } catch (error) {
      form.querySelector('.alert').textContent = MESSAGES[error.code] ?? error.message;
      return;
    }
    location.replace('/dashboard');
  });
}

const signIn = {
  email: document.getElementById('sign-in-email'),
  password: document.getElementById('sign-in-password'),
};
handle(
  document.getElementById('sign-in-form'),
  '/api/auth/sign-in/email',
  () => {
    checkEmail(signIn.email);
    if (!signIn.password.value) setFieldError(signIn.password, 'Enter your password.');
  },
  () => ({ email: signIn.email.value.trim(), password: signIn.password.value }),
);

const signUp = {
  name: document.getElementById('sign-up-name'),
  email: document.getElementById('sign-up-email'),
  password: document.getElementById('sign-up-password'),
};
handle(
  document.getElementById('sign-up-form'),
  '/api/auth/sign-up/email',
  () => {
    if (!signUp.name.value.trim()) setFieldError(signUp.name, 'Enter your name.');
    checkEmail(signUp.email);
    if (signUp.password.value.length < MIN_PASSWORD) {
      setFieldError(signUp.password, `Use at least ${MIN_PASSWORD} characters.`);
    }
  },
  () => ({ name: signUp.name.value.trim(), email: signUp.email.value.trim(), password: signUp.password.value }),
);

// Already signed in: skip the form. get-session answers 200 with null when there is no session.
request('/api/auth/get-session').then(
  (session) => {
    if (session?.user) location.replace('/dashboard');
  },
  // Unreachable or failing: the form is still the right thing to show.
  () => {},
);
