// tscc's version, in one place: the driver (--version, __VERSION__), the
// integrated assembler's and the linker's version lines name it.
export const TSCC_VERSION = "0.1.0";
