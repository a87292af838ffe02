// 1:1: error: '_Atomic'-qualified function type
_Atomic(int(void)) f;
