import type { Module } from "../ir.js";

export function dce(_m: Module): void {}
