// 2:33: error: duplicate 'default' case in '_Generic'
int x = _Generic(1, default: 1, default: 2);
