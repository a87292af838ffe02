// 2:5: error: expected '=', ',', ';', 'asm' or '__attribute__' before '{' token
typedef int F(void);
F f { return 0; }
