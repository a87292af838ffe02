import type { Module } from "../ir.js";

export function simplifycfg(_m: Module): void {}
