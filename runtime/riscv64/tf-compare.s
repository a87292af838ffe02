# Entry points of the binary128 comparisons (../tf-compare.c): a long double
# arrives low half first in an integer register pair (a in a0:a1, b in
# a2:a3); the C implementation takes the high halves first, and (for the
# ordered tests) the result that makes the caller's test false when an
# operand is a NaN.

	.text
	.globl	__eqtf2, __netf2, __lttf2, __letf2, __gttf2, __getf2, __cmptf2, __unordtf2
	.hidden	__eqtf2, __netf2, __lttf2, __letf2, __gttf2, __getf2, __cmptf2, __unordtf2

.macro	swap_halves
	mv	t0, a0
	mv	a0, a1
	mv	a1, t0
	mv	t0, a2
	mv	a2, a3
	mv	a3, t0
.endm

	.type	__eqtf2, @function
__eqtf2:			# a == b tests == 0
__netf2:			# a != b tests != 0
__cmptf2:
__lttf2:			# a < b tests < 0
__letf2:			# a <= b tests <= 0
	swap_halves
	li	a4, 2
	tail	__tscc_cmptf2
	.size	__eqtf2, .-__eqtf2

	.type	__gttf2, @function
__gttf2:			# a > b tests > 0
__getf2:			# a >= b tests >= 0
	swap_halves
	li	a4, -2
	tail	__tscc_cmptf2
	.size	__gttf2, .-__gttf2

	.type	__unordtf2, @function
__unordtf2:
	swap_halves
	tail	__tscc_unordtf2
	.size	__unordtf2, .-__unordtf2
	.section	.note.GNU-stack,"",@progbits
