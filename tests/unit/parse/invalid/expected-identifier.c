// 2:5: error: expected identifier or '(' before '=' token
int = 3;
