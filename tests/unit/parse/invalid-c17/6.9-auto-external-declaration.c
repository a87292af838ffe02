// 1:10: error: file-scope declaration of 'a' specifies 'auto'
auto int a = 1;
