// Types for what Vite handles at build time (CSS imports).
/// <reference types="vite/client" />
