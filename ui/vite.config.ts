// Why: one place that makes the bundle fit Tauri's webview: relative paths, a Safari-16-era target, and nothing inline for the CSP.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  // Assets are served by Tauri's custom protocol from the bundle root, so every URL stays relative.
  base: "./",
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    // `tauri dev` watches the Rust side itself; reloading the page on Rust edits would only lose state.
    watch: { ignored: ["**/src-tauri/**", "**/crates/**", "**/target/**"] },
  },
  css: {
    preprocessorOptions: {
      scss: {
        // Bootstrap 5.3's own sources still use @import and global functions; that is theirs to fix, not noise for us.
        quietDeps: true,
        silenceDeprecations: ["import", "global-builtin", "color-functions", "if-function"],
      },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.4x (Linux) and WKWebView on macOS 13+ are roughly Safari 16.
    target: "safari16",
    cssTarget: "safari16",
    // The polyfill is an inline script, which our CSP (script-src 'self') refuses.
    modulePreload: { polyfill: false },
    // Never turn fonts or images into data: URLs: font-src is 'self' only.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
  },
});
