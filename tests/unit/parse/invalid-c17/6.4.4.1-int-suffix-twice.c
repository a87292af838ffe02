// 1:9: error: invalid suffix "uu" on integer constant
int x = 10uu;
