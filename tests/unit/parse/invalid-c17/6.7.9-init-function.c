// 1:1: error: function 'g' is initialized like a variable
int g(void) = 0;
