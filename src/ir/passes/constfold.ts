import type { Module } from "../ir.js";

export function constfold(_m: Module): void {}
