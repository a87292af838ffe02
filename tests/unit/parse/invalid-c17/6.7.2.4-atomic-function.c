// 2:1: error: '_Atomic'-qualified function type
int x;
_Atomic(int(void)) f;
