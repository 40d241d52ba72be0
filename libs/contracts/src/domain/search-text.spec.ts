import { foldForSearch } from './search-text';

describe('foldForSearch', () => {
  it.each([
    ['Mật ong Nghĩa Hoà', 'mat ong nghia hoa'],
    ['Mật ong Nghĩa Hòa', 'mat ong nghia hoa'],
    ['  ĐẬU   phụ—Đông Sơn ', 'dau phu dong son'],
    ['Hợp tác xã Tân Dĩnh (HTX)', 'hop tac xa tan dinh htx'],
    ['Gà đồi Yên Thế', 'ga doi yen the'],
  ])('%s → %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });
});
