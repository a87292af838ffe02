// The project recipes, in the order a full run takes them (quickest first).
import type { Recipe } from "../common.js";
import { bzip2 } from "./bzip2.js";
import { lua } from "./lua.js";
import { sqlite } from "./sqlite.js";
import { zlib } from "./zlib.js";

export const RECIPES: readonly Recipe[] = [zlib, bzip2, lua, sqlite];
