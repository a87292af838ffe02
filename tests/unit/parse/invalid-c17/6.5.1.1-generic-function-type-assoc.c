// 1:21: error: '_Generic' association has function type
int x = _Generic(1, int(void): 1, default: 0);
