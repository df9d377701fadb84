/** Hands bytes or text to the browser as a file download (export, full outputs). */
export function download(name: string, content: string | Uint8Array, type = 'application/octet-stream'): void {
  const blob = new Blob([content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the download time to start before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
