// 1:5: error: expected identifier or '(' before 'while'
int while = 3;
