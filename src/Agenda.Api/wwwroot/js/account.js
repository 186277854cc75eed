// Account pages: a new account starts in the browser's time zone (the setup page lets the owner change it).
for (const field of document.querySelectorAll('input[data-detect-zone]')) {
  try {
    if (!field.value) {
      field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    }
  } catch {
    // An old browser without Intl: the account starts in UTC.
  }
}
