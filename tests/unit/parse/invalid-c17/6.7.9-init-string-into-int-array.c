// 1:12: error: cannot initialize array of 'int' from a string literal with type array of 'char'
int a[3] = "ab";
