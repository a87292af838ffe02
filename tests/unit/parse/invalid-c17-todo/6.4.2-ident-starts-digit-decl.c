// 1:5: error: invalid suffix "x" on integer constant
int 2x = 1;
