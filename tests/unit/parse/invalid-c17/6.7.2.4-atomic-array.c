// 2:1: error: '_Atomic'-qualified array type
int x;
_Atomic(int[2]) a;
