// 1:1: error: '_Atomic' applied to a qualified type
_Atomic(const int) x;
