// The peer of `aman hash` in the end-to-end benchmark: decodes each file with sharp, with the
// options Aman's decoder uses, and does nothing else. Prints the seconds spent, as JSON.
import sharp from 'sharp';

sharp.cache(false);
const started = performance.now();
let pixels = 0;
for (const path of process.argv.slice(2)) {
  const { info } = await sharp(path, { failOn: 'truncated', ignoreIcc: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  pixels += info.width * info.height;
}
process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, pixels }));
