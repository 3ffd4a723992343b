// Copy the browser libraries from node_modules into static/vendor/ (nothing third-party is committed).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "static", "vendor");
mkdirSync(vendor, { recursive: true });
const files = {
  "socket.io-client/dist/socket.io.min.js": "socket.io.min.js",
  "socket.io-client/dist/socket.io.min.js.map": "socket.io.min.js.map",
  "qr-scanner/qr-scanner.umd.min.js": "qr-scanner.umd.min.js",
  "qr-scanner/qr-scanner-worker.min.js": "qr-scanner-worker.min.js",
  "axe-core/axe.min.js": "axe.min.js",
};
for (const [from, to] of Object.entries(files)) {
  copyFileSync(join(root, "node_modules", from), join(vendor, to));
  console.log(`static/vendor/${to}`);
}
