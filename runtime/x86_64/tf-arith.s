# Entry points of binary128 arithmetic (../tf-arith.c): operands arrive in
# %xmm0 and %xmm1 and the result leaves in %xmm0 (SysV ABI); the C code takes
# and returns each value as a 128-bit integer (%rdi:%rsi, %rdx:%rcx → %rdx:%rax).

	.text
	.globl	__addtf3, __subtf3, __multf3, __divtf3, __floatsitf
	.hidden	__addtf3, __subtf3, __multf3, __divtf3, __floatsitf

# __int128 arguments go low half first: a in %rdi (low), %rsi (high); b in %rdx, %rcx.
.macro	binary name
	.type	__\name, @function
__\name:
	movq	%xmm0, %rdi
	movhlps	%xmm0, %xmm0
	movq	%xmm0, %rsi
	movq	%xmm1, %rdx
	movhlps	%xmm1, %xmm1
	movq	%xmm1, %rcx
	subq	$8, %rsp
	call	__tscc_\name
	jmp	.Lreturn_tf
	.size	__\name, .-__\name
.endm

	binary	addtf3
	binary	subtf3
	binary	multf3
	binary	divtf3

	.type	__floatsitf, @function
__floatsitf:
	subq	$8, %rsp
	call	__tscc_floatsitf
# The __int128 result (%rax low, %rdx high) into %xmm0.
.Lreturn_tf:
	addq	$8, %rsp
	movq	%rax, %xmm0
	movq	%rdx, %xmm1
	punpcklqdq	%xmm1, %xmm0
	ret
	.size	__floatsitf, .-__floatsitf

	.section	.note.GNU-stack,"",@progbits
