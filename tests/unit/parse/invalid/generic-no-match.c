// 2:18: error: '_Generic' selector of type 'double' is not compatible with any association
int x = _Generic(1.0, int: 1);
