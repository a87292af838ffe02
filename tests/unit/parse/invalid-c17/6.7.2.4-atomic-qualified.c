// 2:1: error: '_Atomic' applied to a qualified type
int x;
_Atomic(const int) y;
