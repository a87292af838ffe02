// 1:1: error: '_Atomic'-qualified array type
_Atomic(int[2]) a;
