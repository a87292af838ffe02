# Entry points of the binary128 comparisons (../tf-compare.c): the SysV ABI
# passes a __float128 in one SSE register; split each into its high and low
# halves in the integer argument registers and call the C implementation
# with the result for unordered operands that makes the caller's test false.

	.text
	.globl	__eqtf2, __netf2, __lttf2, __letf2, __gttf2, __getf2, __cmptf2, __unordtf2
	.hidden	__eqtf2, __netf2, __lttf2, __letf2, __gttf2, __getf2, __cmptf2, __unordtf2

# %xmm0 → %rdi:%rsi (high:low), %xmm1 → %rdx:%rcx
.macro	split_operands
	movq	%xmm0, %rsi
	movhlps	%xmm0, %xmm0
	movq	%xmm0, %rdi
	movq	%xmm1, %rcx
	movhlps	%xmm1, %xmm1
	movq	%xmm1, %rdx
.endm

	.type	__eqtf2, @function
__eqtf2:			# a == b tests == 0
__netf2:			# a != b tests != 0
__cmptf2:
__lttf2:			# a < b tests < 0
__letf2:			# a <= b tests <= 0
	split_operands
	movl	$2, %r8d
	jmp	__tscc_cmptf2
	.size	__eqtf2, .-__eqtf2

	.type	__gttf2, @function
__gttf2:			# a > b tests > 0
__getf2:			# a >= b tests >= 0
	split_operands
	movl	$-2, %r8d
	jmp	__tscc_cmptf2
	.size	__gttf2, .-__gttf2

	.type	__unordtf2, @function
__unordtf2:
	split_operands
	jmp	__tscc_unordtf2
	.size	__unordtf2, .-__unordtf2

	.section	.note.GNU-stack,"",@progbits
