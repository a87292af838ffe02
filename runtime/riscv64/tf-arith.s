# Entry points of binary128 arithmetic (../tf-arith.c). LP64D passes a long
# double like a 128-bit integer, low half first in an integer register pair
# (a0:a1, a2:a3 → a0:a1), which is how the C code takes and returns its
# 128-bit integers: each entry point is a tail call.

	.text
	.globl	__addtf3, __subtf3, __multf3, __divtf3, __floatsitf
	.hidden	__addtf3, __subtf3, __multf3, __divtf3, __floatsitf

.macro	forward name
	.type	__\name, @function
__\name:
	tail	__tscc_\name
	.size	__\name, .-__\name
.endm

	forward	addtf3
	forward	subtf3
	forward	multf3
	forward	divtf3
	forward	floatsitf
	.section	.note.GNU-stack,"",@progbits
