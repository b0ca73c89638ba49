import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The app is served from the binary (tauri custom protocol): relative asset paths, no
// dev server, nothing fetched from the network at run time.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  // Component tests mount Svelte in jsdom, which needs Svelte's browser build (vitest's
  // mode is "test"); the app's own build is unchanged.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  base: "./",
  clearScreen: false,
  build: {
    target: "safari16",
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
}));
