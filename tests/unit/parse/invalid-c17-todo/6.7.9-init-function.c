// 2:1: error: function 'g' is initialized like a variable
int x;
int g(void) = 0;
