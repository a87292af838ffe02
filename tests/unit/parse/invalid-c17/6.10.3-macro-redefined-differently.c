// 4:2: error: #error stop
#define M 1
#define M 2
int x = M;
#error stop
