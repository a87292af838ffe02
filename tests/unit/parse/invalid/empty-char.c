// 2:9: error: empty character constant
int x = '';
