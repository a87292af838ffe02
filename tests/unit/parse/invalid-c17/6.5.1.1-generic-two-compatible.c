// 1:29: error: '_Generic' specifies two compatible types
int x = _Generic(1, int: 1, signed int: 2);
