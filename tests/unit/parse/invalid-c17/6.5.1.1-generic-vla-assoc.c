// 1:37: error: '_Generic' association has variable length type
void f(int n) { int x = _Generic(1, int[n]: 1, default: 0); }
