// The console's branding page: the colour picker and the #RRGGBB field follow each other, and a chosen image is
// previewed before it is uploaded (as a data: address, which the pages' CSP allows for images). Without script, the
// form works the same: the service reads whichever of the two colour inputs was changed.
(() => {
  const text = document.getElementById('brand-color');
  const picker = document.getElementById('brand-color-picker');
  if (text && picker) {
    picker.addEventListener('input', () => { text.value = picker.value; });
    text.addEventListener('input', () => {
      const value = text.value.trim();
      if (/^#[0-9a-fA-F]{6}$/.test(value)) {
        picker.value = value.toLowerCase();
      }
    });
  }

  const file = document.getElementById('photo-file');
  const preview = document.getElementById('photo-preview');
  if (file && preview) {
    file.addEventListener('change', () => {
      const chosen = file.files && file.files[0];
      if (!chosen || !/^image\/(png|jpeg|webp|gif)$/.test(chosen.type)) {
        preview.hidden = true;
        return;
      }

      const reader = new FileReader();
      reader.addEventListener('load', () => {
        preview.src = String(reader.result);
        preview.hidden = false;
      });
      reader.readAsDataURL(chosen);
    });
  }
})();
