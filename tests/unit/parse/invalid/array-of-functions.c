// 2:5: error: declaration of 'a' as array of functions
int a[3](void);
