// 2:1: error: requested alignment is not an integer constant
int n = 8;
_Alignas(n) int x;
