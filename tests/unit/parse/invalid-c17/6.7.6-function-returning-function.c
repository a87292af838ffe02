// 2:3: error: 'g' declared as function returning a function
typedef int F(void);
F g(void);
